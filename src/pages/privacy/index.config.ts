export default definePageConfig({
  navigationBarTitleText: '隐私说明',
})
