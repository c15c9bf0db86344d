import type { ActionInput } from '../../src/domain/contract'
import { demoPoints } from './grids'

/**
 * A handful of registered sites (一企一档) for `npm start`, registered by the demo district office through the
 * api with fixed request ids (a second seed replays them). The first is where demo case 0001 was reported.
 */
export const demoSites: ActionInput<'site.create'>[] = [
  {
    requestId: 'demo-site-0001',
    name: '映月路安置房项目工地',
    type: 'construction',
    address: '映月路与航海东路交叉口东北角',
    location: {
      lng: demoPoints.yingyueRoadGrid1.lng + 0.0003,
      lat: demoPoints.yingyueRoadGrid1.lat + 0.0002,
    },
    creditCode: '91410104MA44DEM01X',
    responsibleUnit: '郑州市第一建筑工程集团有限公司',
    contactName: '张经理',
    contactPhone: '13800000001',
  },
  {
    requestId: 'demo-site-0002',
    name: '航海东路老旧厂房拆除工地',
    type: 'demolition',
    address: '航海东路188号',
    location: demoPoints.streetOnly,
    responsibleUnit: '管城区城市更新办',
    contactName: '李主任',
    contactPhone: '0371-66660002',
  },
  {
    requestId: 'demo-site-0003',
    name: '老张烧烤（映月路店）',
    type: 'restaurant',
    address: '映月路夜市12号',
    location: {
      lng: demoPoints.yingyueRoadGrid1.lng - 0.0004,
      lat: demoPoints.yingyueRoadGrid1.lat + 0.0001,
    },
    responsibleUnit: '个体工商户',
    contactName: '张先生',
    contactPhone: '13900000003',
  },
  {
    requestId: 'demo-site-0004',
    name: '管城商砼搅拌站',
    type: 'mixing-plant',
    address: '航海东路与京港澳高速交叉口西200米',
    location: { lng: demoPoints.streetOnly.lng + 0.002, lat: demoPoints.streetOnly.lat },
    creditCode: '91410104MA44DEM04K',
    responsibleUnit: '郑州管城商砼有限公司',
    contactName: '王厂长',
    contactPhone: '13700000004',
  },
]
