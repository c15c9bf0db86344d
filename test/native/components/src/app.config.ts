// The entries of `taro build native-components --type weapp` (config/index.ts points Taro here for that
// command): thin wrappers around the app's real components, one native component each, for
// test/native/components.test.ts. Never part of the app build.
export default {
  components: [
    'components/case-card/index',
    'components/claim-card/index',
    'components/photo-grid/index',
    'components/timeline/index',
  ],
}
