import { csvCell, csvFile, guardFormula, utf8Bom } from '../../../src/domain/exports/csv'

describe('CSV files', () => {
  it('start with a UTF-8 BOM, so that Excel reads Chinese, and end each line with CRLF', () => {
    const file = csvFile(['案件编号', '状态'], [['20261123-0001', '已结案']])
    expect(file.startsWith(utf8Bom)).toBe(true)
    expect(file.slice(1)).toBe('案件编号,状态\r\n20261123-0001,已结案\r\n')
    expect(Buffer.from(file, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['焚烧=垃圾', '焚烧=垃圾'],
  ])('guard a cell that a spreadsheet would run as a formula: %j', (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded)
  })

  it('quote commas, quotes and line breaks, doubling quotes, after the guard', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('他说"烟很大"')).toBe('"他说""烟很大"""')
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"')
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
  })

  it('write numbers as numbers (a negative one unguarded) and nothing as empty', () => {
    expect(csvCell(-3.5)).toBe('-3.5')
    expect(csvCell(113.6925)).toBe('113.6925')
    expect(csvCell(null)).toBe('')
  })
})
