import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** The AWS services the Glue job reaches through interface endpoints instead of the NAT gateway. */
export const INTERFACE_ENDPOINT_SERVICES = ['glue', 'secretsmanager', 'logs', 'sts', 'kms'] as const;

export interface VpcEndpointsProps {
  /** Prefix of resource names. */
  readonly namePrefix: string;
  readonly region: string;
  readonly vpcId: string;
  /** The VPC CIDR: the only source admitted to the endpoints (HTTPS). */
  readonly vpcCidr: string;
  /** Private subnets the interface endpoints get network interfaces in. */
  readonly subnetIds: string[];
  /** Route tables the S3 gateway endpoint is added to. */
  readonly routeTableIds: string[];
}

/**
 * Private paths to AWS: an S3 gateway endpoint on the private route tables (lake traffic never crosses the
 * NAT gateway), and interface endpoints with private DNS for glue, secretsmanager, logs, sts and kms, behind a
 * security group that admits HTTPS from the VPC only.
 */
export class VpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly s3: VpcEndpoint;
  readonly interfaces: Record<(typeof INTERFACE_ENDPOINT_SERVICES)[number], VpcEndpoint>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-vpc-endpoints`,
      description: 'Interface VPC endpoints: HTTPS from inside the VPC only',
      vpcId: props.vpcId,
      tags: { Name: `${props.namePrefix}-vpc-endpoints` },
    });
    // Endpoints answer on the connection the client opened (security groups are stateful): no egress rule.
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    this.s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      tags: { Name: `${props.namePrefix}-s3` },
    });
    const interfaces = {} as Record<(typeof INTERFACE_ENDPOINT_SERVICES)[number], VpcEndpoint>;
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      interfaces[service] = new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
    this.interfaces = interfaces;
  }
}
