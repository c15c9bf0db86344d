// NutUI React Taro Tabs, imported from its ESM path with its own CSS, so only the components in use ship.
import Tabs from '@nutui/nutui-react-taro/dist/es/packages/tabs'
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css'

export { Tabs }
