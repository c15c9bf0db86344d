export default definePageConfig({
  navigationBarTitleText: '处理问题',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
