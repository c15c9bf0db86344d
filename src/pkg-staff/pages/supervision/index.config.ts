export default definePageConfig({
  navigationBarTitleText: '督查督办',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
