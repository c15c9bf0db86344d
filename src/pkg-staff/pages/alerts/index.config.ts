export default definePageConfig({
  navigationBarTitleText: '重污染天气预警',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
