// NutUI React Taro TextArea, imported from its ESM path with its own CSS, so only the components in use ship.
import TextArea from '@nutui/nutui-react-taro/dist/es/packages/textarea'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css'

export { TextArea }
