using Microsoft.AspNetCore.Components.Forms;

namespace FactCheck.Web.Features.Account;

public static class FormMessages
{
    /// <summary>Puts a service's messages at their fields, where ValidationMessage shows them.</summary>
    public static void Show(this ValidationMessageStore store, EditContext form, IEnumerable<FieldMessage> messages)
    {
        store.Clear();
        foreach (var message in messages)
        {
            store.Add(form.Field(message.Field), message.Text);
        }

        form.NotifyValidationStateChanged();
    }
}
