using Xunit;

namespace Hall.Devices.HallSimulator.Tests;

public class JourneyBookTests
{
    private static readonly DateTimeOffset Nine = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_person_is_followed_from_ticket_to_counter()
    {
        var book = new JourneyBook();
        var person = book.Arrive("A", Nine, "kiosk-1");

        book.Issued(person, "A001", waitingAhead: 3, estimatedWaitMinutes: 10, Nine.AddSeconds(1));
        var called = book.Called("A001", "2", Nine.AddMinutes(13));
        book.Finished("A001", Nine.AddMinutes(20));

        Assert.Same(person, called);
        Assert.Equal("2", person.Counter);
        Assert.Equal(TimeSpan.FromMinutes(13) - TimeSpan.FromSeconds(1), person.Waited);
        Assert.Equal(Nine.AddMinutes(20), person.FinishedAt);
        Assert.Equal(0, book.WaitingCount);
    }

    [Fact]
    public void A_second_call_of_the_same_ticket_counts_as_a_recall_and_keeps_the_first_call_time()
    {
        var book = new JourneyBook();
        var person = book.Arrive("A", Nine);
        book.Issued(person, "A001", 0, 0, Nine);

        book.Called("A001", "1", Nine.AddMinutes(1));
        book.Called("A001", "1", Nine.AddMinutes(2));

        Assert.Equal(1, person.Recalls);
        Assert.Equal(Nine.AddMinutes(1), person.CalledAt);
    }

    [Fact]
    public void A_skipped_person_is_marked_and_leaves_the_counter()
    {
        var book = new JourneyBook();
        var person = book.Arrive("B", Nine);
        book.Issued(person, "B001", 0, 0, Nine);
        book.Called("B001", "4", Nine.AddMinutes(1));

        book.Skipped("B001", Nine.AddMinutes(3));

        Assert.True(person.Skipped);
        Assert.Null(book.Finished("B001", Nine.AddMinutes(4)));
    }

    [Fact]
    public void A_ticket_number_reused_on_a_later_day_finds_the_new_holder()
    {
        var book = new JourneyBook();
        var monday = book.Arrive("A", Nine);
        book.Issued(monday, "A001", 0, 0, Nine);
        book.Called("A001", "1", Nine.AddMinutes(1));
        book.Finished("A001", Nine.AddMinutes(5));
        var tuesday = book.Arrive("A", Nine.AddDays(1));
        book.Issued(tuesday, "A001", 0, 0, Nine.AddDays(1));

        var called = book.Called("A001", "3", Nine.AddDays(1).AddMinutes(2));

        Assert.Same(tuesday, called);
        Assert.Equal(0, monday.Recalls);
    }

    [Fact]
    public void Estimate_accuracy_compares_printed_minutes_with_real_waits_of_people_called()
    {
        var book = new JourneyBook();
        var early = book.Arrive("A", Nine);
        book.Issued(early, "A001", 0, estimatedWaitMinutes: 10, Nine);
        book.Called("A001", "1", Nine.AddMinutes(14));
        var late = book.Arrive("A", Nine);
        book.Issued(late, "A002", 1, estimatedWaitMinutes: 20, Nine);
        book.Called("A002", "2", Nine.AddMinutes(18));
        var notYet = book.Arrive("A", Nine);
        book.Issued(notYet, "A003", 2, estimatedWaitMinutes: 30, Nine);
        var refused = book.Arrive("C", Nine);
        book.Refused(refused, "unknown-category");

        var accuracy = book.Accuracy();

        Assert.Equal(2, accuracy.Compared);
        Assert.Equal(3, accuracy.MeanAbsoluteErrorMinutes, 6);
        Assert.Equal(-1, accuracy.MeanErrorMinutes, 6);
        Assert.Equal(16, accuracy.MeanWaitMinutes, 6);
        Assert.Equal("unknown-category", refused.RefusedCode);
        Assert.Equal(1, book.WaitingCount);
    }

    [Fact]
    public void Accuracy_with_nobody_called_is_not_a_number()
    {
        Assert.Equal(0, new JourneyBook().Accuracy().Compared);
        Assert.True(double.IsNaN(new JourneyBook().Accuracy().MeanAbsoluteErrorMinutes));
    }
}
