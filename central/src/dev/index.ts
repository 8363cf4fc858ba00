export {
  clusterLog,
  findPgBin,
  freeLoopbackPort,
  startCluster,
  TEST_SETTINGS,
  type Cluster,
} from './pg-cluster.ts';
export { officeTraffic, type TrafficOptions } from './office-traffic.ts';
