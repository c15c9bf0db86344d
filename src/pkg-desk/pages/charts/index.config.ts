export default definePageConfig({
  navigationBarTitleText: '图表分析',
  enablePullDownRefresh: true,
})
