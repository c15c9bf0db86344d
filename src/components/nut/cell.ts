// NutUI React Taro Cell, imported from its ESM path with its own CSS, so only the components in use ship.
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'

export { Cell }
