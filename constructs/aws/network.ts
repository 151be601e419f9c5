import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Construct } from 'constructs';
import type { NetworkSettings } from '../../config/settings';
import { EncryptedLogGroup } from './log-group';

export interface NetworkProps {
  /** Prefix of resource names, e.g. `northwind-dev`. */
  readonly namePrefix: string;
  /** CIDRs, AZs and NAT mode. */
  readonly settings: NetworkSettings;
  /** KMS key for the flow log group. */
  readonly kmsKeyArn: string;
  /** Flow log retention in days. */
  readonly logRetentionDays: number;
  /** Flow log role name (derive it with `roleNames`). */
  readonly flowLogRoleName: string;
}

/**
 * The VPC: public subnets holding the NAT gateway(s), private subnets (one per AZ) for Aurora, Glue and the
 * interface endpoints, route tables per tier, the default security group emptied, and VPC flow logs.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[];
  readonly publicSubnets: Subnet[];
  readonly privateRouteTables: RouteTable[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const s = props.settings;
    const name = (suffix: string): Record<string, string> => ({ Name: `${props.namePrefix}-${suffix}` });

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: s.vpcCidr,
      enableDnsSupport: true,
      // Interface endpoints with private DNS need DNS hostnames.
      enableDnsHostnames: true,
      tags: name('vpc'),
    });
    // The default security group admits traffic between its members; nothing should use it, so it is emptied.
    new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: name('default-closed'),
    });

    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: name('igw') });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: this.vpc.id, tags: name('public') });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    this.publicSubnets = s.availabilityZones.map((az, i) => {
      const subnet = new Subnet(this, `public-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: s.publicSubnetCidrs[i],
        // Only the NAT gateways live here and they get Elastic IPs: no automatic public addresses.
        mapPublicIpOnLaunch: false,
        tags: name(`public-${az}`),
      });
      new RouteTableAssociation(this, `public-${az}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natCount = s.natMode === 'single' ? 1 : s.availabilityZones.length;
    const nats = this.publicSubnets.slice(0, natCount).map((subnet, i) => {
      const az = s.availabilityZones[i];
      const eip = new Eip(this, `nat-eip-${az}`, { domain: 'vpc', tags: name(`nat-${az}`) });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: subnet.id,
        tags: name(`nat-${az}`),
        dependsOn: [igw],
      });
    });

    this.privateRouteTables = [];
    this.privateSubnets = s.availabilityZones.map((az, i) => {
      const subnet = new Subnet(this, `private-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: s.privateSubnetCidrs[i],
        mapPublicIpOnLaunch: false,
        tags: name(`private-${az}`),
      });
      const routes = new RouteTable(this, `private-${az}-routes`, { vpcId: this.vpc.id, tags: name(`private-${az}`) });
      new Route(this, `private-${az}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        // Single mode: every AZ egresses through the first AZ's NAT gateway.
        natGatewayId: nats[Math.min(i, nats.length - 1)].id,
      });
      new RouteTableAssociation(this, `private-${az}-association`, { subnetId: subnet.id, routeTableId: routes.id });
      this.privateRouteTables.push(routes);
      return subnet;
    });

    const flowLogs = new EncryptedLogGroup(this, 'flow-logs', {
      name: `/aws/vpc/${props.namePrefix}/flow-logs`,
      retentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'flow-logs-trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
        },
      ],
    });
    const role = new IamRole(this, 'flow-logs-role', { name: props.flowLogRoleName, assumeRolePolicy: trust.json });
    const permissions = new DataAwsIamPolicyDocument(this, 'flow-logs-permissions', {
      statement: [
        {
          sid: 'WriteFlowLogGroup',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [flowLogs.arn, `${flowLogs.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, 'flow-logs-policy', { name: 'write-flow-logs', role: role.id, policy: permissions.json });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: flowLogs.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
      tags: name('flow-log'),
    });
  }
}
