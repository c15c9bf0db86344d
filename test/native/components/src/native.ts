/**
 * What a Taro native component's React root receives besides the `props` property: `$scope`, the WeChat
 * component instance (see createNativeComponentConfig in @tarojs/plugin-framework-react). Functions cannot
 * cross a WeChat property, so the wrappers report taps as component events through `$scope.triggerEvent`, the
 * way a native page would hear from them (`bind:claim`, `bind:preview`...).
 */
export interface NativeScope {
  triggerEvent(name: string, detail?: unknown): void
}

export interface NativeProps {
  $scope: NativeScope
}
