export default definePageConfig({
  navigationBarTitleText: '来电登记',
})
