// NutUI React Taro Button, imported from its ESM path with its own CSS, so only the components in use ship.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'

export { Button }
