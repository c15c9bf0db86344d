import Taro from '@tarojs/taro'
import type { ExportView } from '@/domain/contract'

/** The export page (the subpackage's own, so the main package stays as it is). */
export const exportRoute = (gridId?: string) =>
  `/pkg-staff/pages/exports/index${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`

/**
 * Opens a finished export from its temporary URL: on H5 in a new tab (the office PC downloads it); in the
 * weapp a workbook is shown by WeChat's document viewer (which can forward or save it), and a CSV file,
 * which the viewer does not open, is sent to a chat where it can be saved, or its link copied.
 */
export async function openExportFile(item: Pick<ExportView, 'url' | 'format' | 'fileName'>): Promise<void> {
  if (!item.url) return
  if (Taro.getEnv() === Taro.ENV_TYPE.WEB) {
    window.open(item.url, '_blank')
    return
  }
  const { tempFilePath } = await Taro.downloadFile({ url: item.url })
  if (item.format === 'xlsx') {
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    return
  }
  const share = (Taro as unknown as { shareFileMessage?: (options: object) => Promise<unknown> })
    .shareFileMessage
  if (share) await share({ filePath: tempFilePath, fileName: item.fileName })
  else await Taro.setClipboardData({ data: item.url })
}

/** "1,200 / 3,400"-style progress, and its share for the bar (0–100). */
export function progressOf(item: Pick<ExportView, 'progress' | 'status'>): { text: string; percent: number } {
  const { done, total } = item.progress
  const percent =
    item.status === 'done' ? 100 : total === 0 ? 0 : Math.min(100, Math.floor((done / total) * 100))
  return { text: `${done} / ${total}`, percent }
}
