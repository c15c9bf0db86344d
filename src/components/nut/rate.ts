// NutUI React Taro Rate, imported from its ESM path with its own CSS, so only the components in use ship.
import Rate from '@nutui/nutui-react-taro/dist/es/packages/rate'
import '@nutui/nutui-react-taro/dist/es/packages/rate/style/css'

export { Rate }
