// NutUI React Taro Empty, imported from its ESM path with its own CSS, so only the components in use ship.
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'

export { Empty }
