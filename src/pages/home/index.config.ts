export default definePageConfig({
  navigationBarTitleText: '蓝天网格',
})
