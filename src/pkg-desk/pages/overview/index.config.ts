export default definePageConfig({
  navigationBarTitleText: '指标总览',
  enablePullDownRefresh: true,
})
