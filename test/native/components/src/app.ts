// A native-components build has no App: Taro reads app.config.ts for the entries and drops this file's output.
// It still has to exist as the build's entry.
export default {}
