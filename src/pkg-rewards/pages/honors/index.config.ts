export default definePageConfig({
  navigationBarTitleText: '荣誉榜',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
