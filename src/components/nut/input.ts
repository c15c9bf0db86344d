// NutUI React Taro Input, imported from its ESM path with its own CSS, so only the components in use ship.
import Input from '@nutui/nutui-react-taro/dist/es/packages/input'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'

export { Input }
