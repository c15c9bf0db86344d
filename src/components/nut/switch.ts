// NutUI React Taro Switch, imported from its ESM path with its own CSS, so only the components in use ship.
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { Switch }
