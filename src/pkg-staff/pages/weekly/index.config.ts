export default definePageConfig({
  navigationBarTitleText: '周报',
  enablePullDownRefresh: true,
})
