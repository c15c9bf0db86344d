// NutUI React Taro CellGroup, imported from its ESM path with its own CSS, so only the components in use ship.
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup'
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css'

export { CellGroup }
