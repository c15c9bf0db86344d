// Taro builds use babel-preset-taro; jest (NODE_ENV=test) uses plain presets so tests run without Taro's runner.
module.exports = (api) => {
  const isTest = api.env('test')
  if (isTest) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }
  }
  // Targets: WeChat's mini-program engines (JavaScriptCore on iOS 12+, which current WeChat requires; V8 on
  // Android) and the browsers staff use for H5 run ES2018, so async functions, classes and spreads ship as
  // written instead of through helpers and regenerator (Taro's default targets iOS 9): ~27 KB of main package.
  return {
    presets: [
      ['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: { ios: '12', chrome: '70' } }],
    ],
  }
}
