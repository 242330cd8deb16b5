import * as budgets from 'aws-cdk-lib/aws-budgets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface MonthlyBudgetProps {
  readonly budgetName: string;
  /** Ascending USD amounts; the budget limit is the highest. */
  readonly thresholdsUsd: readonly number[];
  readonly topic: sns.ITopic;
}

/**
 * A monthly cost budget for the whole account (a deployment owns its account, so nothing is missed
 * for lack of a tag) that notifies the alarm topic when actual or forecasted spend passes each
 * threshold: with the defaults, six notifications at 50, 100 and 200 USD.
 */
export class MonthlyBudget extends Construct {
  readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    const limit = Math.max(...props.thresholdsUsd);
    const notifications = props.thresholdsUsd.flatMap((amount) =>
      ['ACTUAL', 'FORECASTED'].map((notificationType) => ({
        notification: {
          notificationType,
          comparisonOperator: 'GREATER_THAN',
          threshold: amount,
          thresholdType: 'ABSOLUTE_VALUE',
        },
        subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
      })),
    );

    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: limit, unit: 'USD' },
      },
      notificationsWithSubscribers: notifications,
    });
  }
}
