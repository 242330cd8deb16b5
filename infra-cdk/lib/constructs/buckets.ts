import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The application's buckets, one per kind of object, all built by `secureBucket`. */
export class Buckets extends Construct {
  /** Destination of S3 server access logs, VPC flow logs, ALB and CloudFront access logs. */
  readonly logs: s3.Bucket;
  readonly uploads: s3.Bucket;
  readonly pageRenders: s3.Bucket;
  readonly cache: s3.Bucket;
  readonly ingestionArtifacts: s3.Bucket;
  readonly feedbackScreenshots: s3.Bucket;

  constructor(scope: Construct, id: string, private readonly bucketName: (kind: string) => string) {
    super(scope, id);

    this.logs = new s3.Bucket(this, 'Logs', {
      bucketName: bucketName('logs'),
      encryption: s3.BucketEncryption.S3_MANAGED, // log delivery (S3, ELB, CloudFront) cannot write to SSE-KMS
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging still writes through an ACL grant.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log destination itself; logging it into itself would loop.',
    });

    this.uploads = this.secureBucket('Uploads', 'uploads', {
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) }],
    });
    // Renders and ingestion artifacts can be rebuilt from uploads; they are kept, not versioned.
    this.pageRenders = this.secureBucket('PageRenders', 'page-renders', {});
    this.ingestionArtifacts = this.secureBucket('IngestionArtifacts', 'ingestion-artifacts', {});
    this.cache = this.secureBucket('Cache', 'cache', {
      lifecycleRules: [{ id: 'expire-cache', expiration: Duration.days(30) }],
    });
    this.feedbackScreenshots = this.secureBucket('FeedbackScreenshots', 'feedback-screenshots', {
      lifecycleRules: [{ id: 'expire-screenshots', expiration: Duration.days(180) }],
    });
  }

  /**
   * Secure defaults in one place: SSE-S3, no public access, TLS only, server access logs, and
   * incomplete multipart uploads cleaned after a week. Buckets are retained when a stack is deleted.
   */
  private secureBucket(id: string, logPrefix: string, extra: Pick<s3.BucketProps, 'versioned' | 'lifecycleRules'>): s3.Bucket {
    return new s3.Bucket(this, id, {
      bucketName: this.bucketName(logPrefix),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: `s3/${logPrefix}/`,
      versioned: extra.versioned ?? false,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
        ...(extra.lifecycleRules ?? []),
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
