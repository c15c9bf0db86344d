// NutUI React Taro Skeleton, imported from its ESM path with its own CSS, so only the components in use ship.
import Skeleton from '@nutui/nutui-react-taro/dist/es/packages/skeleton'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'

export { Skeleton }
