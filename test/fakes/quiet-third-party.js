// Two warnings React prints for third-party code in jsdom, not for ours: NutUI's icons set a `-webkitMask`
// style key (fine for Taro, unknown to react-dom) and react-transition-group (NutUI's dialog) calls findDOMNode.
// Everything else still reaches the console.
const original = console.error
const known = [
  (text) => text.includes('Unsupported style property') && text.includes('-webkitMask'),
  (text) => text.includes('findDOMNode is deprecated'),
]
console.error = (...args) => {
  const text = args.map(String).join(' ')
  if (known.some((matches) => matches(text))) return
  original(...args)
}
