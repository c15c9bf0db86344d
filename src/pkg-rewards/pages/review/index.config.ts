export default definePageConfig({
  navigationBarTitleText: '评选审核',
})
