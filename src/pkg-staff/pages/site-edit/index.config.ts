export default definePageConfig({
  navigationBarTitleText: '污染源档案',
})
