import Taro from '@tarojs/taro'

/** Where the Thursday report's pages live (the subpackage's own, so the main package stays as it is). */
export const weeklyRoutes = {
  list: '/pkg-staff/pages/weekly/index',
  report: (id: string) => `/pkg-staff/pages/weekly-report/index?report=${encodeURIComponent(id)}`,
}

/** `0.825` as `82.5%`; a rate of nothing as a dash. */
export const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)

/**
 * Opens an exported workbook from its temporary URL: on H5 in a new tab (the office PC downloads it), in
 * the weapp downloaded and shown by WeChat's document viewer, which can forward or save it.
 */
export async function openWorkbook(url: string): Promise<void> {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEB) {
    window.open(url, '_blank')
    return
  }
  const { tempFilePath } = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
}
