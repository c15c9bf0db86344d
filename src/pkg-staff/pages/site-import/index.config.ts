export default definePageConfig({ navigationBarTitleText: '导入污染源档案' })
