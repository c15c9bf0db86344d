import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SiteImportReport } from '@/domain/contract'
import { siteSheetColumns } from '@/domain/sites/import'
import { Button } from '@/components/nut/button'
import { useAction } from '@/hooks/use-action'
import { chooseSpreadsheet, type PickedSheet } from '@/platform/files'
import './index.scss'

/**
 * The district office imports its site register from an .xlsx sheet: a check first (nothing written), then
 * the import; either way the result lists each rejected row with its line number and reason.
 */
export default function SiteImportPage() {
  const [sheet, setSheet] = useState<PickedSheet | null>(null)
  const [report, setReport] = useState<SiteImportReport | null>(null)
  const action = useAction('site.import')

  const pick = async () => {
    const picked = await chooseSpreadsheet()
    if (!picked) return
    setSheet(picked)
    setReport(null)
    action.reset()
  }
  const send = async (dryRun: boolean) => {
    if (!sheet) return
    try {
      setReport(await action.run({ content: sheet.base64, dryRun }))
    } catch {
      setReport(null)
    }
  }

  return (
    <View className="bg-page bg-site-import">
      <View className="bg-section bg-site-import__help">
        <Text className="bg-site-import__heading">表格格式</Text>
        <Text className="bg-site-import__line">
          {`第一行为表头：${siteSheetColumns.map((column) => (column.required ? `${column.header}*` : column.header)).join('、')}（*为必填）。`}
        </Text>
        <Text className="bg-site-import__line">
          经纬度为 GCJ-02 坐标；同一统一社会信用代码（没有时为同名同地址）再次导入会更新原档案，不会重复登记。
        </Text>
      </View>
      <View className="bg-site-import__actions">
        <Button className="bg-site-import__pick" block onClick={() => void pick()}>
          {sheet ? `已选择：${sheet.name}` : '选择表格（.xlsx）'}
        </Button>
        <Button
          className="bg-site-import__check"
          block
          fill="outline"
          disabled={!sheet}
          loading={action.running}
          onClick={() => void send(true)}
        >
          检查（不写入）
        </Button>
        <Button
          className="bg-site-import__go"
          block
          type="primary"
          disabled={!sheet}
          loading={action.running}
          onClick={() => void send(false)}
        >
          导入
        </Button>
      </View>
      {action.error ? <Text className="bg-site-import__error">{action.error.message}</Text> : null}
      {report ? (
        <View className="bg-section bg-site-import__result">
          <Text className="bg-site-import__heading">{report.dryRun ? '检查结果（未写入）' : '导入结果'}</Text>
          <Text className="bg-site-import__line">
            {`新增 ${report.imported} · 更新 ${report.updated} · 未变 ${report.unchanged} · 未导入 ${report.rejected.length}`}
          </Text>
          {report.rejected.map((row) => (
            <Text key={row.line} className="bg-site-import__line bg-site-import__rejected">
              {`第${row.line}行${row.name ? `（${row.name}）` : ''}：${row.reason}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
