export default definePageConfig({
  navigationBarTitleText: '污染源档案',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
