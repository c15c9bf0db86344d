export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/me/index',
    'pages/report/index',
    'pages/case-detail/index',
    'pages/my-cases/index',
    'pages/messages/index',
    'pages/privacy/index',
  ],
  subPackages: [
    {
      // Staff work lives in a subpackage so residents never download it (the board, a case, the assessment,
      // the complaint line's entry).
      root: 'pkg-staff',
      pages: [
        'pages/board/index',
        'pages/handle/index',
        'pages/assessment/index',
        'pages/weekly/index',
        'pages/weekly-report/index',
        'pages/hotline/index',
        'pages/supervision/index',
        'pages/deliveries/index',
        'pages/exports/index',
        'pages/sites/index',
        'pages/site/index',
        'pages/site-import/index',
        'pages/patrol/index',
        'pages/site-edit/index',
        'pages/alerts/index',
        'pages/stations/index',
      ],
    },
    {
      // Rewards: my points, leaderboards, the honour roll and the district office's award review.
      root: 'pkg-rewards',
      pages: ['pages/points/index', 'pages/leaderboard/index', 'pages/honors/index', 'pages/review/index'],
    },
    {
      // The district's desk at full size: every indicator with the cases behind it, the charts and the map
      // on the wall (挂图作战); apart from pkg-staff so its pages (their bars, the map's drawing) stay out of
      // the grid members' download, and residents never fetch any of it.
      root: 'pkg-desk',
      pages: ['pages/overview/index', 'pages/charts/index', 'pages/map/index'],
    },
    {
      // Onboarding: the invitee's join page (opened from a QR code) and the district office's people page.
      root: 'pkg-onboard',
      pages: ['pages/join/index', 'pages/staff/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '蓝天网格',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1677ff',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于确定您举报的污染问题所在位置，并派给所属网格处理',
    },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
