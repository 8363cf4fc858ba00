export {
  clusterLog,
  findPgBin,
  freeLoopbackPort,
  startCluster,
  TEST_SETTINGS,
  type Cluster,
} from './pg-cluster.ts';
