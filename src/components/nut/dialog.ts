// NutUI React Taro Dialog, imported from its ESM path with its own CSS, so only the components in use ship.
import Dialog from '@nutui/nutui-react-taro/dist/es/packages/dialog'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'

export { Dialog }
