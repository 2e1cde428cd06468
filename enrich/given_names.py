"""Common given names from many languages: a two-word name starting with one is very likely a person.

Used to overturn the small model when it calls "Dani Carvajal" an organisation. The list is
deliberately short and common; it only ever turns a label into PERSON, never away from it.
"""
from __future__ import annotations

GIVEN_NAMES = frozenset("""
Aaron Abdul Abdullah Abdulaziz Abdel Abu Adam Adrian Ahmad Ahmed Aisha Akira Alan Albert Alberto Alejandro Aleksandr
Aleksei Alexander Alexandra Alexei Alexis Alfred Ali Alice Alicia Alison Amanda Amir Amit Amy Ana Anders Andrea Andreas
Andrei Andrew Andrzej Andy Angela Angelina Ann Anna Anne Annalena Anthony Antonio Antony António Anwar Arnold Arun Ashok
Ayesha Barack Barbara Bashar Ben Benjamin Bernard Bernie Beth Bill Bob Boris Brad Brian Bruce Bruno Camila Carl Carla
Carlo Carlos Carmen Carol Caroline Catherine Cecilia Chad Charles Charlie Chris Christian Christina Christine Christopher
Chuck Claire Clara Claudia Cristina Dan Dani Daniel Daniela Danielle Dario David Deborah Denis Dennis Diana Diego Dilma
Dimitri Dmitry Dominic Donald Edward Elena Eli Elizabeth Ella Emily Emma Emmanuel Enrique Eric Erik Ernesto Eva Evan Fatima
Felipe Fernando Francesca Francesco Francis Francisco Frank Franz Frans Frederick Friedrich Fumio Gabriel Gabriela
Gareth George Georg Georgia Gerhard Giorgia Giovanni Giuseppe Gordon Grace Greg Gregory Guido Gustavo Hamid Hannah Hans Harold
Harry Hassan Heinrich Helen Helena Henry Hillary Hiroshi Hugo Hussein Ian Ibrahim Igor Ilham Imran Ingrid Irina Isaac
Isabel Isabella Ivan Jack Jacob Jacques Jake James Jan Jane Janet Jared Jason Javier Jean Jeff Jennifer Jens Jeremy
Jerome Jessica Jim Jimmy Joachim Joan Joe Johan Johann Johannes John Jon Jonathan Jordan Jorge Jose José Joseph Josh Joshua Juan
Judith Julia Julian Julie Julien Justin Kamala Karen Karim Karl Kate Katherine Kathy Keir Kelly Ken Kenji Kevin Khalid
Klaus Kristalina Kurt Lars Laura Lauren Leo Leon Linda Lisa Liz Lorenzo Louis Luc Luca Lucas Lucy Luis Luiz Luke
Maria Marco Margaret Maria Marie Marina Mario Mark Marta Martin Mary Matteo Matthew Max Maxim Mehmet Michael Michel
Michelle Miguel Mike Mikhail Milan Mohamed Mohammad Mohammed Muhammad Nadia Nancy Naomi Narendra Natalia Nathan Nick Nicola
Nicolas Nikki Nikolai Niclas Nina Nitish Noah Nora Olaf Oleg Olga Oliver Olivia Omar Oscar Pablo Patrick Paul Paula
Pedro Peter Petra Philip Philippe Pierre Pietro Rachel Rafael Rahul Raj Rajesh Ramón Raúl Rebecca Recep Richard Rick
Rishi Robert Roberto Roger Roland Ron Ronald Rosa Ruth Ryan Saad Sadiq Salman Sam Samuel Sandra Sanjay Sara Sarah Scott
Sean Sebastian Sergei Sergey Shinzo Simon Sofia Sophie Stefan Stephen Steve Steven Susan Sven Tanya Tatiana Ted Teresa
Theresa Thomas Tim Timothy Tom Tony Ursula Valentina Valerie Vanessa Victor Victoria Viktor Vinícius Vincent Vivek
Vladimir Volker Volodymyr Walter William Wolfgang Xavier Yasmin Yoshihide Yuki Yuri Yusuf Zoe
""".split())
