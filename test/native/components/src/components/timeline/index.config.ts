// A native component: WeChat (and miniprogram-simulate) only treat it as one with `component: true`.
export default { component: true }
