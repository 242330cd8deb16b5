namespace Autri.Domain.Tests.Connectors;

public class ConnectorStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_connector_without_expiry_that_is_not_revoked_is_live() =>
        Assert.Equal(ConnectorStatus.Live, ConnectorStatuses.Of(false, null, ownerInvited: true, Now));

    [Fact]
    public void A_connector_expiring_later_is_live() =>
        Assert.Equal(ConnectorStatus.Live, ConnectorStatuses.Of(false, Now.AddTicks(1), ownerInvited: true, Now));

    [Fact]
    public void A_connector_is_expired_at_the_instant_of_its_expiry() =>
        Assert.Equal(ConnectorStatus.Expired, ConnectorStatuses.Of(false, Now, ownerInvited: true, Now));

    [Fact]
    public void Revoked_wins_over_expired() =>
        Assert.Equal(ConnectorStatus.Revoked, ConnectorStatuses.Of(true, Now.AddDays(-1), ownerInvited: true, Now));

    [Fact]
    public void A_live_connector_whose_owner_is_no_longer_invited_is_suspended() =>
        Assert.Equal(ConnectorStatus.Suspended, ConnectorStatuses.Of(false, null, ownerInvited: false, Now));

    [Fact]
    public void Revoked_and_expired_win_over_suspended_because_re_inviting_the_owner_restores_neither()
    {
        Assert.Equal(ConnectorStatus.Revoked, ConnectorStatuses.Of(true, null, ownerInvited: false, Now));
        Assert.Equal(ConnectorStatus.Expired, ConnectorStatuses.Of(false, Now, ownerInvited: false, Now));
    }

    [Theory]
    [InlineData(ConnectorStatus.Suspended, "Suspended")]
    [InlineData(ConnectorStatus.Live, "Active")]
    [InlineData(ConnectorStatus.Revoked, "Revoked")]
    [InlineData(ConnectorStatus.Expired, "Expired")]
    public void Each_status_has_the_label_the_pages_show(ConnectorStatus status, string label) =>
        Assert.Equal(label, status.Label());
}
