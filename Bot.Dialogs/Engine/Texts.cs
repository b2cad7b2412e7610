using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Engine;

/// <summary>Everything the bot says, in each language it speaks. Flows ask for a text; they never build sentences.</summary>
public abstract class Texts
{
    public static Texts For(string? language) => language == Languages.Spanish ? Spanish : English;

    private static readonly Texts English = new EnglishTexts();
    private static readonly Texts Spanish = new SpanishTexts();

    public abstract string Greeting { get; }

    public abstract string AskProblem { get; }

    public abstract string Searching { get; }

    public abstract string OfferArticles { get; }

    public abstract string SomethingElse { get; }

    public abstract string DescribeAgain { get; }

    public abstract string NoMatchOfferHuman { get; }

    public abstract string NoHumanThen { get; }

    public abstract string StepOf(int number, int count);

    public abstract string FixedIt { get; }

    public abstract string NextStep { get; }

    public abstract string StillNotFixed { get; }

    public abstract string Back { get; }

    public abstract string WatchVideo { get; }

    public abstract string DidThatFixIt { get; }

    public abstract string GladFixed { get; }

    public abstract string AskRating { get; }

    public abstract string ThanksForRating { get; }

    public abstract string SorryNotFixed { get; }

    public abstract string ConfirmTopic(string topicName);

    public abstract string ChooseCategory { get; }

    public abstract string AskStarted { get; }

    public abstract string AskWhere { get; }

    public abstract string Home { get; }

    public abstract string School { get; }

    public abstract string OtherPlace { get; }

    public abstract string AskZip { get; }

    public abstract string AskAssetTag { get; }

    public abstract string GreetingFor(string firstName);

    public abstract string TechnicianJoined(string name, string ticket);

    public abstract string BackToBot { get; }

    public abstract string TicketResolved(string ticket, string resolution);

    public abstract string WhichStudent { get; }

    public abstract string SomeoneElse { get; }

    public abstract string AskStudentNumber { get; }

    public abstract string ConfirmDevice(string model, string assetTag);

    public abstract string ChooseDevice { get; }

    public abstract string AnotherDevice { get; }

    public abstract string TicketOpened(string number, string due);

    public abstract string OpenTicketOffer(string number, string topicName);

    public abstract string AddToTicket(string number);

    public abstract string NewProblem { get; }

    public abstract string AddedToTicket(string number, string due);

    public abstract string NoOpenTickets { get; }

    public abstract string OpenTicketsHeader { get; }

    public abstract string TicketLine(string number, string topicName, string status, string due);

    public abstract string TechnicianWillAnswer(string number, string due);

    public abstract string Help { get; }

    public abstract string MenuText { get; }

    public abstract string MenuProblem { get; }

    public abstract string MenuTickets { get; }

    public abstract string MenuPerson { get; }

    public abstract string Cancelled { get; }

    public abstract string LanguageChanged { get; }

    public abstract string DidNotUnderstand { get; }

    public abstract string PhotoReceived { get; }

    public abstract string GiveUp { get; }

    public abstract string ReplyWithNumber(int count);

    public abstract string Yes { get; }

    public abstract string No { get; }

    public abstract string CategoryName(string category);

    private sealed class EnglishTexts : Texts
    {
        public override string Greeting => "Hi! I'm the district's device help desk. I can help with school laptops, Chromebooks and hotspots.";

        public override string AskProblem => "What's going on with your device? Tell me in a few words.";

        public override string Searching => "Let me look that up…";

        public override string OfferArticles => "These might fix it. Which one fits best?";

        public override string SomethingElse => "Something else";

        public override string DescribeAgain => "OK. Tell me a bit more about the problem, in other words.";

        public override string NoMatchOfferHuman => "I don't have a fix for that. Would you like a technician to help?";

        public override string NoHumanThen => "OK. Write anytime to describe the problem again, or type menu.";

        public override string StepOf(int number, int count) => $"Step {number} of {count}:";

        public override string FixedIt => "Fixed it!";

        public override string NextStep => "Next step";

        public override string StillNotFixed => "Still not fixed";

        public override string Back => "Back";

        public override string WatchVideo => "Watch the video";

        public override string DidThatFixIt => "Did that fix it?";

        public override string GladFixed => "Great, I'm glad it's working!";

        public override string AskRating => "How helpful was this, from 1 (not at all) to 5 (very)?";

        public override string ThanksForRating => "Thank you! Write anytime if something else comes up.";

        public override string SorryNotFixed => "Sorry that didn't fix it. Let's get a technician on it.";

        public override string ConfirmTopic(string topicName) => $"It sounds like a problem with {topicName}. Is that right?";

        public override string ChooseCategory => "Which fits best?";

        public override string AskStarted => "When did it start? (for example: today, yesterday, last week)";

        public override string AskWhere => "Where is the device now?";

        public override string Home => "Home";

        public override string School => "School";

        public override string OtherPlace => "Somewhere else";

        public override string AskZip => "What's the ZIP code there? (or type skip)";

        public override string AskAssetTag => "What's the asset tag on the device? It's the barcode sticker, like WD-12345. (or type skip)";

        public override string TechnicianJoined(string name, string ticket) => $"{name} from the help desk is here to help with ticket {ticket}.";

        public override string BackToBot => "You're back with the help desk bot. Type menu to start over, or agent to reach a person.";

        public override string TicketResolved(string ticket, string resolution) => $"Ticket {ticket} is resolved: {resolution}. If it isn't fixed, just reply.";

        public override string GreetingFor(string firstName) => $"Hi {firstName}! I'm the district's device help desk. I can help with school laptops, Chromebooks and hotspots.";

        public override string WhichStudent => "Which student is this about?";

        public override string SomeoneElse => "Someone else";

        public override string AskStudentNumber => "What is the student's ID number? (or type skip)";

        public override string ConfirmDevice(string model, string assetTag) => $"Is it the {model} with asset tag {assetTag}?";

        public override string ChooseDevice => "Which device is it?";

        public override string AnotherDevice => "Another device";

        public override string TicketOpened(string number, string due) => $"I've opened ticket {number}. A technician will answer {due}.";

        public override string OpenTicketOffer(string number, string topicName) => $"You have an open ticket, {number} ({topicName}). Is this about the same problem?";

        public override string AddToTicket(string number) => $"Yes, add to {number}";

        public override string NewProblem => "No, it's a new problem";

        public override string AddedToTicket(string number, string due) => $"Got it. What you write now goes to ticket {number}; a technician will answer {due}.";

        public override string NoOpenTickets => "You have no open tickets.";

        public override string OpenTicketsHeader => "Your open tickets:";

        public override string TicketLine(string number, string topicName, string status, string due) => $"{number}: {topicName}, {status}, answer expected {due}";

        public override string TechnicianWillAnswer(string number, string due) => $"A technician will answer on ticket {number} {due}.";

        public override string Help => "I can walk you through fixes, open a ticket for a technician, and check your tickets. Anytime you can write: menu, status, agent (a person), cancel, español.";

        public override string MenuText => "What would you like to do?";

        public override string MenuProblem => "Get help with a problem";

        public override string MenuTickets => "Check my tickets";

        public override string MenuPerson => "Talk to a person";

        public override string Cancelled => "OK, I've stopped. Write anytime if you need help.";

        public override string LanguageChanged => "OK, I'll write in English.";

        public override string DidNotUnderstand => "Sorry, I didn't catch that.";

        public override string PhotoReceived => "Thanks for the photo: it is saved with your request.";

        public override string GiveUp => "I'm having trouble understanding. Let's get a technician to help you.";

        public override string ReplyWithNumber(int count) => count switch
        {
            1 => "Reply 1.",
            2 => "Reply 1 or 2.",
            _ => $"Reply {string.Join(", ", Enumerable.Range(1, count - 1))} or {count}.",
        };

        public override string Yes => "Yes";

        public override string No => "No";

        public override string CategoryName(string category) => category switch
        {
            "hardware" => "The device itself (broken, won't turn on)",
            "network" => "Internet, Wi-Fi or hotspot",
            "software" => "Apps, websites or updates",
            "account" => "Password or sign-in",
            _ => "Something else",
        };
    }

    private sealed class SpanishTexts : Texts
    {
        public override string Greeting => "¡Hola! Soy la mesa de ayuda de equipos del distrito. Puedo ayudarle con laptops, Chromebooks y hotspots de la escuela.";

        public override string AskProblem => "¿Qué le pasa a su equipo? Cuénteme en pocas palabras.";

        public override string Searching => "Déjeme buscar…";

        public override string OfferArticles => "Esto podría arreglarlo. ¿Cuál se parece más?";

        public override string SomethingElse => "Otra cosa";

        public override string DescribeAgain => "Está bien. Cuénteme un poco más del problema, con otras palabras.";

        public override string NoMatchOfferHuman => "No tengo una solución para eso. ¿Quiere que le ayude un técnico?";

        public override string NoHumanThen => "Está bien. Escriba cuando quiera para describir el problema otra vez, o escriba menú.";

        public override string StepOf(int number, int count) => $"Paso {number} de {count}:";

        public override string FixedIt => "¡Ya se arregló!";

        public override string NextStep => "Siguiente paso";

        public override string StillNotFixed => "Sigue sin arreglarse";

        public override string Back => "Atrás";

        public override string WatchVideo => "Ver el video";

        public override string DidThatFixIt => "¿Se arregló?";

        public override string GladFixed => "¡Qué bueno que ya funciona!";

        public override string AskRating => "¿Qué tan útil fue esto, del 1 (nada) al 5 (mucho)?";

        public override string ThanksForRating => "¡Gracias! Escriba cuando quiera si surge otra cosa.";

        public override string SorryNotFixed => "Lamento que no se haya arreglado. Vamos a pedirle ayuda a un técnico.";

        public override string ConfirmTopic(string topicName) => $"Parece un problema de {topicName}. ¿Es correcto?";

        public override string ChooseCategory => "¿Qué se parece más?";

        public override string AskStarted => "¿Cuándo empezó? (por ejemplo: hoy, ayer, la semana pasada)";

        public override string AskWhere => "¿Dónde está el equipo ahora?";

        public override string Home => "En casa";

        public override string School => "En la escuela";

        public override string OtherPlace => "En otro lugar";

        public override string AskZip => "¿Cuál es el código postal de ese lugar? (o escriba saltar)";

        public override string AskAssetTag => "¿Cuál es la etiqueta de inventario del equipo? Es la etiqueta con código de barras, como WD-12345. (o escriba saltar)";

        public override string TechnicianJoined(string name, string ticket) => $"{name}, de la mesa de ayuda, le atiende ahora con el ticket {ticket}.";

        public override string BackToBot => "Vuelve a hablar con el asistente de la mesa de ayuda. Escriba menú para empezar de nuevo, o agente para hablar con una persona.";

        public override string TicketResolved(string ticket, string resolution) => $"El ticket {ticket} está resuelto: {resolution}. Si no quedó arreglado, responda a este mensaje.";

        public override string GreetingFor(string firstName) => $"¡Hola, {firstName}! Soy la mesa de ayuda de equipos del distrito. Puedo ayudarle con laptops, Chromebooks y hotspots de la escuela.";

        public override string WhichStudent => "¿Sobre qué estudiante es?";

        public override string SomeoneElse => "Otra persona";

        public override string AskStudentNumber => "¿Cuál es el número de identificación del estudiante? (o escriba saltar)";

        public override string ConfirmDevice(string model, string assetTag) => $"¿Es el {model} con etiqueta {assetTag}?";

        public override string ChooseDevice => "¿Qué equipo es?";

        public override string AnotherDevice => "Otro equipo";

        public override string TicketOpened(string number, string due) => $"Abrí el ticket {number}. Un técnico le responderá {due}.";

        public override string OpenTicketOffer(string number, string topicName) => $"Tiene un ticket abierto, {number} ({topicName}). ¿Es sobre el mismo problema?";

        public override string AddToTicket(string number) => $"Sí, agregar al {number}";

        public override string NewProblem => "No, es un problema nuevo";

        public override string AddedToTicket(string number, string due) => $"Entendido. Lo que escriba ahora va al ticket {number}; un técnico le responderá {due}.";

        public override string NoOpenTickets => "No tiene tickets abiertos.";

        public override string OpenTicketsHeader => "Sus tickets abiertos:";

        public override string TicketLine(string number, string topicName, string status, string due) => $"{number}: {topicName}, {status}, respuesta esperada {due}";

        public override string TechnicianWillAnswer(string number, string due) => $"Un técnico le responderá en el ticket {number} {due}.";

        public override string Help => "Puedo guiarle paso a paso, abrir un ticket para un técnico y revisar sus tickets. En cualquier momento puede escribir: menú, estado, agente (una persona), cancelar, english.";

        public override string MenuText => "¿Qué le gustaría hacer?";

        public override string MenuProblem => "Ayuda con un problema";

        public override string MenuTickets => "Ver mis tickets";

        public override string MenuPerson => "Hablar con una persona";

        public override string Cancelled => "Está bien, ya paré. Escriba cuando necesite ayuda.";

        public override string LanguageChanged => "Está bien, le escribiré en español.";

        public override string DidNotUnderstand => "Perdón, no le entendí.";

        public override string PhotoReceived => "Gracias por la foto: quedó guardada con su solicitud.";

        public override string GiveUp => "Me está costando entender. Vamos a pedirle ayuda a un técnico.";

        public override string ReplyWithNumber(int count) => count switch
        {
            1 => "Responda 1.",
            2 => "Responda 1 o 2.",
            _ => $"Responda {string.Join(", ", Enumerable.Range(1, count - 1))} o {count}.",
        };

        public override string Yes => "Sí";

        public override string No => "No";

        public override string CategoryName(string category) => category switch
        {
            "hardware" => "El equipo en sí (roto, no prende)",
            "network" => "Internet, Wi-Fi o hotspot",
            "software" => "Aplicaciones, páginas o actualizaciones",
            "account" => "Contraseña o inicio de sesión",
            _ => "Otra cosa",
        };
    }
}
