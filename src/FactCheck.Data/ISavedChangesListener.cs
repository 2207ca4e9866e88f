namespace FactCheck.Data;

/// <summary>
/// Told of a save once it is committed, and never of one that rolled back: after the context's own
/// transaction commits, or, when the save ran inside a transaction its caller opened, after that one does.
/// Register implementations in DI; <see cref="FactCheckDbContext"/> receives them all.
/// <para>
/// The save has already happened when this runs, so an implementation must not throw to report its own
/// trouble (the caller would take the save for failed and repeat it), and must not use the saving context:
/// inside a caller's commit its transaction is still being closed. It gets no cancellation from the caller
/// either, since work owed to a committed change should not be dropped because the request went away.
/// </para>
/// </summary>
public interface ISavedChangesListener
{
    Task OnCommittedAsync(ChangeSet changes, CancellationToken cancellationToken);
}
