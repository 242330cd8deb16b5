namespace Autri.Domain.Tests.OAuth;

public class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SigningKeySchedule Schedule = new(RotationAge: TimeSpan.FromDays(90), Lead: TimeSpan.FromHours(1), Retention: TimeSpan.FromMinutes(65));
    private static readonly ScheduledKey First = new(Guid.NewGuid(), T0, T0);

    [Fact]
    public void With_no_key_one_is_made_that_signs_at_once() =>
        Assert.Equal(T0, Schedule.NextKeyActivation([], T0));

    [Fact]
    public void The_next_key_is_made_a_lead_before_the_rotation_age_and_signs_from_that_age()
    {
        Assert.Null(Schedule.NextKeyActivation([First], T0.AddDays(90).AddHours(-1).AddTicks(-1)));
        Assert.Equal(T0.AddDays(90), Schedule.NextKeyActivation([First], T0.AddDays(90).AddHours(-1)));
    }

    [Fact]
    public void A_waiting_key_is_published_but_the_old_one_signs_until_it_activates()
    {
        var next = new ScheduledKey(Guid.NewGuid(), T0.AddDays(90).AddHours(-1), T0.AddDays(90));
        Assert.Null(Schedule.NextKeyActivation([First, next], T0.AddDays(90).AddMinutes(-30))); // no third key meanwhile
        Assert.Equal(First, Schedule.Active([First, next], T0.AddDays(90).AddTicks(-1)));
        Assert.Equal(next, Schedule.Active([First, next], T0.AddDays(90)));
    }

    [Fact]
    public void A_replaced_key_is_kept_until_every_token_it_signed_has_expired()
    {
        var next = new ScheduledKey(Guid.NewGuid(), T0.AddDays(90).AddHours(-1), T0.AddDays(90));
        Assert.Empty(Schedule.Expired([First, next], T0.AddDays(90).AddMinutes(65).AddTicks(-1)));
        Assert.Equal([First], Schedule.Expired([First, next], T0.AddDays(90).AddMinutes(65)));
        Assert.Empty(Schedule.Expired([next], T0.AddYears(1))); // the last key is never expired
    }

    [Fact]
    public void Before_any_key_activates_the_oldest_one_signs()
    {
        var future = new ScheduledKey(Guid.NewGuid(), T0, T0.AddHours(1));
        Assert.Equal(future, Schedule.Active([future], T0));
    }
}
