export default definePageConfig({
  navigationBarTitleText: '导出案件清单',
})
