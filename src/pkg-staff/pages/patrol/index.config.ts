export default definePageConfig({
  navigationBarTitleText: '巡查',
})
