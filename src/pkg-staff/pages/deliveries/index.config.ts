export default definePageConfig({
  navigationBarTitleText: '消息发送情况',
  enablePullDownRefresh: true,
})
