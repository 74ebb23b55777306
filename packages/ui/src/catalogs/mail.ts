import { defineMessages } from "./define.ts";

/** Email a node sends: reminders of reports and sections as their due date nears, invitation and reset links. */
export const mail = defineMessages({
  en: {
    "mail.invitation.subject": "Your invitation to {site}",
    "mail.invitation.body":
      "You are invited to join {site}. Open this link to choose your password; it works once, until {date} (UTC):",
    "mail.reset.subject": "Choose a new password on {site}",
    "mail.reset.body":
      "A new password was requested for your account on {site}. Open this link to choose it; it works once, until {date} (UTC):",
    "mail.link.ignore": "If you did not expect this email, ignore it: nothing changes without the link.",
    "mail.reminder.subject.upcoming": "Reminder: {title}, due on {date}",
    "mail.reminder.subject.soon": "Due within a week: {title}, on {date}",
    "mail.reminder.subject.due": "Due today: {title}",
    "mail.reminder.subject.overdue": "Overdue: {title}, due on {date}",
    "mail.greeting": "Hello {name},",
    "mail.reminder.awaited.report": "The coordination’s report is awaited from you: {title}.",
    "mail.reminder.awaited.section": "Your platform’s section is awaited for the report {title}.",
    "mail.reminder.when.upcoming": "It is due on {date}, within a month.",
    "mail.reminder.when.soon": "It is due on {date}, within a week.",
    "mail.reminder.when.due": "It is due today, {date}.",
    "mail.reminder.when.overdue": "It was due on {date}: it is now overdue.",
    "mail.reminder.open": "Open it here:",
    "mail.reminder.why":
      "{site} sends you this reminder once at each step as the date nears; your home page there lists everything awaited from you.",
  },
  fr: {
    "mail.invitation.subject": "Votre invitation sur {site}",
    "mail.invitation.body":
      "Vous êtes invité·e à rejoindre {site}. Ouvrez ce lien pour choisir votre mot de passe ; il fonctionne une fois, jusqu’au {date} (UTC) :",
    "mail.reset.subject": "Choisir un nouveau mot de passe sur {site}",
    "mail.reset.body":
      "Un nouveau mot de passe a été demandé pour votre compte sur {site}. Ouvrez ce lien pour le choisir ; il fonctionne une fois, jusqu’au {date} (UTC) :",
    "mail.link.ignore": "Si vous n’attendiez pas ce message, ignorez-le : rien ne change sans le lien.",
    "mail.reminder.subject.upcoming": "Rappel : {title}, échéance le {date}",
    "mail.reminder.subject.soon": "Échéance dans la semaine : {title}, le {date}",
    "mail.reminder.subject.due": "Échéance aujourd’hui : {title}",
    "mail.reminder.subject.overdue": "En retard : {title}, échéance du {date}",
    "mail.greeting": "Bonjour {name},",
    "mail.reminder.awaited.report": "Le rapport de la coordination est attendu de vous : {title}.",
    "mail.reminder.awaited.section": "La section de votre plateforme est attendue pour le rapport {title}.",
    "mail.reminder.when.upcoming": "L’échéance est le {date}, dans moins d’un mois.",
    "mail.reminder.when.soon": "L’échéance est le {date}, dans moins d’une semaine.",
    "mail.reminder.when.due": "L’échéance est aujourd’hui, le {date}.",
    "mail.reminder.when.overdue": "L’échéance était le {date} : le délai est dépassé.",
    "mail.reminder.open": "Pour y accéder :",
    "mail.reminder.why":
      "{site} vous envoie ce rappel une fois à chaque étape à l’approche de l’échéance ; votre page d’accueil y liste tout ce qui est attendu de vous.",
  },
  es: {
    "mail.invitation.subject": "Su invitación a {site}",
    "mail.invitation.body":
      "Está invitado/a a unirse a {site}. Abra este enlace para elegir su contraseña; funciona una sola vez, hasta el {date} (UTC):",
    "mail.reset.subject": "Elegir una nueva contraseña en {site}",
    "mail.reset.body":
      "Se pidió una nueva contraseña para su cuenta en {site}. Abra este enlace para elegirla; funciona una sola vez, hasta el {date} (UTC):",
    "mail.link.ignore": "Si no esperaba este mensaje, ignórelo: nada cambia sin el enlace.",
    "mail.reminder.subject.upcoming": "Recordatorio: {title}, vence el {date}",
    "mail.reminder.subject.soon": "Vence esta semana: {title}, el {date}",
    "mail.reminder.subject.due": "Vence hoy: {title}",
    "mail.reminder.subject.overdue": "Atrasado: {title}, venció el {date}",
    "mail.greeting": "Hola, {name}:",
    "mail.reminder.awaited.report": "Se espera de usted el informe de la coordinación: {title}.",
    "mail.reminder.awaited.section": "Se espera la sección de su plataforma para el informe {title}.",
    "mail.reminder.when.upcoming": "Vence el {date}, dentro de un mes.",
    "mail.reminder.when.soon": "Vence el {date}, dentro de una semana.",
    "mail.reminder.when.due": "Vence hoy, {date}.",
    "mail.reminder.when.overdue": "Venció el {date}: el plazo ya pasó.",
    "mail.reminder.open": "Puede abrirlo aquí:",
    "mail.reminder.why":
      "{site} le envía este recordatorio una vez en cada etapa a medida que se acerca la fecha; su página de inicio allí muestra todo lo que se espera de usted.",
  },
  pt: {
    "mail.invitation.subject": "O seu convite para {site}",
    "mail.invitation.body":
      "Está convidado/a a juntar-se a {site}. Abra esta ligação para escolher a sua palavra-passe; funciona uma só vez, até {date} (UTC):",
    "mail.reset.subject": "Escolher uma nova palavra-passe em {site}",
    "mail.reset.body":
      "Foi pedida uma nova palavra-passe para a sua conta em {site}. Abra esta ligação para a escolher; funciona uma só vez, até {date} (UTC):",
    "mail.link.ignore": "Se não esperava esta mensagem, ignore-a: nada muda sem a ligação.",
    "mail.reminder.subject.upcoming": "Lembrete: {title}, prazo a {date}",
    "mail.reminder.subject.soon": "Prazo dentro de uma semana: {title}, a {date}",
    "mail.reminder.subject.due": "Prazo hoje: {title}",
    "mail.reminder.subject.overdue": "Em atraso: {title}, prazo a {date}",
    "mail.greeting": "Olá, {name},",
    "mail.reminder.awaited.report": "Espera-se de si o relatório da coordenação: {title}.",
    "mail.reminder.awaited.section": "Espera-se a secção da sua plataforma para o relatório {title}.",
    "mail.reminder.when.upcoming": "O prazo é {date}, dentro de um mês.",
    "mail.reminder.when.soon": "O prazo é {date}, dentro de uma semana.",
    "mail.reminder.when.due": "O prazo é hoje, {date}.",
    "mail.reminder.when.overdue": "O prazo era {date}: está agora em atraso.",
    "mail.reminder.open": "Pode abri-lo aqui:",
    "mail.reminder.why":
      "{site} envia-lhe este lembrete uma vez em cada etapa à medida que o prazo se aproxima; a sua página inicial lista tudo o que se espera de si.",
  },
});
