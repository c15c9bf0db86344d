export default definePageConfig({
  navigationBarTitleText: '在线监测站点',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
