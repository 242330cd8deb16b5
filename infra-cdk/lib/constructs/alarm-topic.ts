import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * The one SNS topic every alarm and budget notification goes to, emailed to the alarm address.
 * Encrypted with a customer-managed key because CloudWatch alarms and AWS Budgets cannot publish
 * to a topic under the AWS-managed SNS key; the key policy lets exactly those two services use it.
 */
export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: { alarmEmail: string; topicName: string }) {
    super(scope, id);
    const account = Stack.of(this).account;

    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
    });
    for (const service of ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com']) {
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: `Allow${service.split('.')[0]}ToPublishEncrypted`,
        principals: [new iam.ServicePrincipal(service)],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }));
    }

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Autri alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowBudgetsToPublish',
      principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': account } },
    }));
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
  }
}
